/**
 * PubMed's structured abstracts, as plain text: `BACKGROUND: … METHODS: … RESULTS: …`. NLM
 * assigns each label of a structured abstract to one of five categories (background,
 * objective, methods, results, conclusions; https://www.nlm.nih.gov/bsd/policy/structured_abstracts.html),
 * and journals write thousands of variants of them ("DESIGN, SETTING, AND PARTICIPANTS",
 * "MATERIALS AND METHODS", "FINANCIAL DISCLOSURE"). A label here is an upper-case phrase of
 * at most eight words, followed by a colon, that holds one of the words of {@link LABEL_WORDS};
 * an abstract is structured when it starts with a label and has at least two.
 */

/** Words of which every NLM label holds at least one (singular and plural forms both match). */
export const LABEL_WORDS = [
  'BACKGROUND', 'INTRODUCTION', 'CONTEXT', 'AIM', 'OBJECTIVE', 'PURPOSE', 'RATIONALE', 'HYPOTHESIS', 'IMPORTANCE', 'GOAL',
  'METHOD', 'METHODOLOGY', 'DESIGN', 'SETTING', 'PARTICIPANT', 'PATIENT', 'SUBJECT', 'POPULATION', 'INTERVENTION', 'MEASURE', 'MEASUREMENT',
  'OUTCOME', 'EXPOSURE', 'MATERIAL', 'PROCEDURE', 'ANALYSIS', 'APPROACH', 'SAMPLE', 'RESULT', 'FINDING', 'CONCLUSION', 'INTERPRETATION',
  'DISCUSSION', 'LIMITATION', 'SIGNIFICANCE', 'IMPLICATION', 'RELEVANCE', 'SUMMARY', 'REGISTRATION', 'FUNDING', 'DISCLOSURE',
  'AVAILABILITY', 'IMPLEMENTATION', 'CONTACT', 'EVIDENCE', 'SOURCE', 'SELECTION', 'EXTRACTION', 'SYNTHESIS', 'PROTOCOL', 'UNLABELLED',
  'CRITERIA', 'PRESENTATION', 'REPORT', 'TRIAL', 'INFORMATION', 'RECOMMENDATION', 'PERSPECTIVE', 'OBSERVATION', 'EXPERIMENT',
];

const WORDS = new Set(LABEL_WORDS);
/** An upper-case phrase and its colon, at the start or after a sentence's end. */
const LABEL = /(?<=^|[.!?)\]]\s+)([A-Z][A-Z'’]*(?:(?:\s+|\s*[,/&-]\s*)[A-Z][A-Z'’]*){0,7}):\s+/g;

function isLabel(phrase: string): boolean {
  return phrase.split(/[^A-Z]+/).some((word) => WORDS.has(word) || (word.endsWith('S') && WORDS.has(word.slice(0, -1))));
}

/** One labelled part of a structured abstract. */
export interface LabelledPart {
  /** The label as written, without its colon; absent for text before the first label. */
  label?: string;
  text: string;
  /** Offset of the part's text in the abstract. */
  offset: number;
}

/** The parts of a structured abstract, or undefined when the text is not one. `UNLABELLED` says nothing: it is dropped. */
export function splitStructured(text: string): LabelledPart[] | undefined {
  if (!/^[A-Z]/.test(text)) return undefined;
  const labels = [...text.matchAll(LABEL)].filter((match) => isLabel(match[1]));
  if (labels.length < 2 || labels[0].index !== 0) return undefined;
  return labels.map((match, index) => {
    const start = match.index + match[0].length;
    const end = labels[index + 1]?.index ?? text.length;
    const label = match[1].replace(/\s+/g, ' ');
    return { ...(/^UNLABELL?ED$/.test(label) ? {} : { label }), text: text.slice(start, end).trim(), offset: start };
  }).filter((part) => part.text !== '');
}
