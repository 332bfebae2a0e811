import type { Message } from './types.ts';

/** Longest quotation of a source in a message, in characters (the ellipsis excluded). */
export const QUOTE_MAX = 120;

/**
 * Source text fit for a message: whitespace collapsed, and cut on a whole character at
 * {@link QUOTE_MAX} with an ellipsis, so a 6,000-character formula or a huge line never
 * floods a build log.
 */
export function clip(text: string, max = QUOTE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : flat;
}

/** Source text quoted in a message: {@link clip}ped, in backticks. */
export function quote(text: string): string {
  return `\`${clip(text)}\``;
}

/** Build a warning tied to a file position. */
export function warn(file: string, line: number, column: number, reason: string, ruleId: string): Message {
  return { file, line, column, severity: 'warning', reason, ruleId };
}

/** Build an error tied to a file position. */
export function fail(file: string, line: number, column: number, reason: string, ruleId: string): Message {
  return { file, line, column, severity: 'error', reason, ruleId };
}

/** Format a message the way linters do: `file:line:col  severity  reason  rule-id`. */
export function formatMessage(message: Message): string {
  const place = `${message.file}:${message.line}:${message.column}`;
  return `${place}  ${message.severity}  ${message.reason}  ${message.ruleId}`;
}

/** Order messages by file, then position, so reports are stable across runs. */
export function sortMessages(messages: readonly Message[]): Message[] {
  return [...messages].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
