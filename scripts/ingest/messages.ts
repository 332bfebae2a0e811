import type { Message } from './types.ts';

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
