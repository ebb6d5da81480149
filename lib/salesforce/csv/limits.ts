/** Salesforce's per-field and per-record character limits, checked only for records long enough to break them. */
export class CsvLimitError extends Error {
  /** 1-based data record number (0 = the header row). */
  readonly record: number;

  constructor(message: string, record: number) {
    super(message);
    this.name = "CsvLimitError";
    this.record = record;
  }
}

export const MAX_FIELD_CHARS = 131_072;
export const MAX_RECORD_CHARS = 400_000;

/** Splits one record into field lengths (in characters, quotes and doubled quotes counted once). */
function fieldLengths(record: string): number[] {
  const lengths: number[] = [];
  let i = 0;
  while (i <= record.length) {
    let length = 0;
    if (record[i] === '"') {
      i += 1;
      while (i < record.length) {
        if (record[i] === '"') {
          if (record[i + 1] === '"') {
            length += 1;
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        length += 1;
        i += 1;
      }
      while (i < record.length && record[i] !== ",") i += 1;
    } else {
      const comma = record.indexOf(",", i);
      const stop = comma === -1 ? record.length : comma;
      length = stop - i;
      i = stop;
    }
    lengths.push(length);
    i += 1;
  }
  return lengths;
}

export function checkLongRecord(bytes: Buffer, recordNumber: number, limits: { maxFieldChars: number; maxRecordChars: number }): void {
  const text = bytes.toString("utf8");
  const where = recordNumber === 0 ? "The header row" : `Record ${recordNumber}`;
  if (text.length > limits.maxRecordChars) {
    throw new CsvLimitError(`${where} has ${text.length} characters; Salesforce allows ${limits.maxRecordChars} per record`, recordNumber);
  }
  const lengths = fieldLengths(text);
  const index = lengths.findIndex((length) => length > limits.maxFieldChars);
  if (index !== -1) {
    throw new CsvLimitError(`${where}, field ${index + 1} has ${lengths[index]} characters; Salesforce allows ${limits.maxFieldChars} per field`, recordNumber);
  }
}
