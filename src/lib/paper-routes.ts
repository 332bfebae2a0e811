import { cardSource, type CardSource } from './card-props.ts';
import { getPapers, type PaperEntry } from './get-papers.ts';
import { getRedirects, getRemovedPapers, type PermalinkEntry } from './get-permalinks.ts';

/** What answers at `/papers/<slug>/`: the paper, a redirect from an earlier slug, or a removal notice. */
export type PaperRoute =
  | { kind: 'paper'; paper: PaperEntry; related: CardSource[] }
  | { kind: 'moved'; to: string; title: string }
  | { kind: 'removed'; entry: PermalinkEntry; topicLive: boolean };

/** Every URL under `/papers/` that was ever published, so that none of them breaks. */
export async function getPaperRoutes(): Promise<{ params: { slug: string }; props: PaperRoute }[]> {
  const papers = await getPapers();
  const removed = await getRemovedPapers();
  const bySlug = new Map(papers.map((paper) => [paper.id, paper]));
  // A removed paper's notice links its topic while that topic still has a page (some paper in it).
  const liveTopics = new Set(papers.flatMap((paper) => paper.data.topics));
  const titles = new Map([...removed.map((entry) => [entry.id, entry.data.title] as const), ...papers.map((paper) => [paper.id, paper.data.title] as const)]);
  const routes: { params: { slug: string }; props: PaperRoute }[] = [
    ...papers.map((paper) => ({
      params: { slug: paper.id },
      props: { kind: 'paper' as const, paper, related: paper.data.related.map((slug) => bySlug.get(slug)).filter((other) => other !== undefined).map(cardSource) },
    })),
    ...removed.map((entry) => ({ params: { slug: entry.id }, props: { kind: 'removed' as const, entry, topicLive: liveTopics.has(entry.data.topic) } })),
    ...(await getRedirects(papers)).map(({ from, to }) => ({ params: { slug: from }, props: { kind: 'moved' as const, to, title: titles.get(to) ?? to } })),
  ];
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(route.params.slug)) {
      throw new Error(`Two pages claim /papers/${route.params.slug}/ (content/permalinks.json and content/papers/ disagree). Re-run \`npm run ingest\`.`);
    }
    seen.add(route.params.slug);
  }
  return routes;
}
