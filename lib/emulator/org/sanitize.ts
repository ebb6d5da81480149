const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text Postgres accepts: NUL removed, lone UTF-16 surrogates replaced (Postgres rejects both). */
export function storableText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
}
