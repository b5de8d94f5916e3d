// Anything a responder types must come out as well-formed XML 1.0.

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, surrogates (lone ones, under /u), U+FFFE/U+FFFF.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, "");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text safe for an XML element or attribute value. */
export function xmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function xmlElement(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlText(value)}"`)
    .join("");
  return `<${name}${attrs}>${xmlText(text)}</${name}>`;
}

export function xmlEmptyElement(name: string, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlText(value)}"`)
    .join("");
  return `<${name}${attrs}/>`;
}
