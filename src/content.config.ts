import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { papersLoader } from './loaders/papers-loader.ts';
import { ListingSchema } from './schemas/listing.ts';
import { PaperSchema } from './schemas/paper.ts';
import { PermalinkSchema } from './schemas/permalink.ts';
import { TopicSchema } from './schemas/topic.ts';

/** One entry per `content/papers/<slug>.mdx`, written by `npm run ingest`. */
const papers = defineCollection({
  loader: papersLoader({ directory: 'content/papers' }),
  schema: PaperSchema,
});

/** One entry per dump, written by `npm run ingest` to `content/listings.json`. */
const listings = defineCollection({
  loader: file('content/listings.json'),
  schema: ListingSchema,
});

/** Every topic, pinned and discovered, keyed by slug, written by `npm run ingest` to `content/topics.json`. */
const topics = defineCollection({
  loader: file('content/topics.json'),
  schema: TopicSchema,
});

/** Every slug ever published, keyed by slug, kept by `npm run ingest` in `content/permalinks.json`. */
const permalinks = defineCollection({
  loader: file('content/permalinks.json'),
  schema: PermalinkSchema,
});

export const collections = { papers, listings, topics, permalinks };
