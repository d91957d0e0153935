const CJK = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
/** The last two CJK characters and the closing punctuation after them (a line never starts with those anyway). */
const TAIL = new RegExp(`[${CJK}]{2}[，。！？、；：”’）》」』…!?.)]*$`);

/**
 * Splits a short text so its last two CJK characters stay on one line: "…明天再来" never wraps to leave "来"
 * alone on the last line. Returns the head and the tail; the tail is empty when there is nothing to keep
 * together (text not ending in CJK, or too short to wrap badly).
 */
export function splitTail(text: string): { head: string; tail: string } {
  const m = text.length > 3 ? TAIL.exec(text) : null;
  return m ? { head: text.slice(0, m.index), tail: m[0] } : { head: text, tail: '' };
}
