/** CSV output for people: quoted where needed, and safe to open in a spreadsheet. */

// Excel, LibreOffice and Google Sheets run a cell starting with these as a formula (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r\0]/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = escapeFormula(value);
  return /[",\n\r]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
