/** Salesforce record ids: 15 case-sensitive characters, or 18 with a case-safety checksum. */
const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;
const SUFFIX = /^[A-Za-z0-5]{3}$/;

/** The 3-character suffix that encodes which of the 15 characters are upper case. */
function idChecksum(id15: string): string {
  let suffix = "";
  for (let group = 0; group < 3; group += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charCodeAt(group * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * Why `value` is not a usable id, or null when it is. An 18-character id whose letters are all one
 * case may have been upper- or lower-cased by a spreadsheet; Salesforce restores the case from the
 * suffix, so only a mixed-case id must match its checksum exactly.
 */
export function idProblem(value: string): string | null {
  if (ID15.test(value)) return null;
  if (!ID18.test(value)) return "is not a Salesforce id (15 or 18 letters and digits)";
  const suffix = value.slice(15);
  if (!SUFFIX.test(suffix)) return "has an invalid 18-character checksum";
  const body = value.slice(0, 15);
  const oneCase = body === body.toUpperCase() || body === body.toLowerCase();
  if (!oneCase && idChecksum(body) !== suffix.toUpperCase()) return "has an invalid 18-character checksum (was it edited or cut?)";
  return null;
}

/** One key per record: the 15-character case-sensitive form (after restoring case from an 18-character suffix). */
export function idKey(value: string): string {
  if (value.length !== 18) return value;
  const suffix = value.slice(15).toUpperCase();
  let key = "";
  for (let group = 0; group < 3; group += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[group]);
    for (let i = 0; i < 5; i += 1) {
      const ch = value[group * 5 + i];
      key += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return key;
}
