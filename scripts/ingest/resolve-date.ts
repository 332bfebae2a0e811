const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Outcome of reading a listing date. */
export type DateResolution =
  | { ok: true; iso: string }
  | { ok: false; reason: 'unreadable' | 'no-year' };

/**
 * Turn a listing date (`Mar 26, 2024`, `Feb 10`) into an ISO day. A date without a year
 * takes the latest year that puts it on or before the dump's capture day.
 */
export function resolveDate(label: string, captured?: string): DateResolution {
  const match = DATE.exec(label.trim());
  const month = match ? MONTHS.indexOf(match[1].toLowerCase()) + 1 : 0;
  if (!match || month === 0) return { ok: false, reason: 'unreadable' };
  const day = Number(match[2]);
  let year: number;
  if (match[3] !== undefined) {
    year = Number(match[3]);
  } else if (captured) {
    const [capturedYear, capturedMonth, capturedDay] = captured.split('-').map(Number);
    const afterCapture = month > capturedMonth || (month === capturedMonth && day > capturedDay);
    year = afterCapture ? capturedYear - 1 : capturedYear;
  } else {
    return { ok: false, reason: 'no-year' };
  }
  if (!isRealDay(year, month, day)) return { ok: false, reason: 'unreadable' };
  return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}
