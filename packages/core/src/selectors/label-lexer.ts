/**
 * Tokenizer of the label selector string syntax, after upstream's
 * `labels.Lexer`: identifiers, the keywords `in`/`notin`, and the operator
 * and punctuation symbols `= == != ! > < ( ) ,`. Whitespace separates.
 * @module
 */

/** Token kinds. */
export type TokenKind =
  | "error"
  | "end"
  | "closedPar"
  | "comma"
  | "doesNotExist"
  | "doubleEquals"
  | "equals"
  | "greaterThan"
  | "identifier"
  | "in"
  | "lessThan"
  | "notEquals"
  | "notIn"
  | "openPar";

/** A token and its literal text ("" for end of string). */
export interface Token {
  kind: TokenKind;
  literal: string;
}

const LITERAL_TOKENS: Record<string, TokenKind> = {
  ")": "closedPar",
  ",": "comma",
  "!": "doesNotExist",
  "==": "doubleEquals",
  "=": "equals",
  ">": "greaterThan",
  in: "in",
  "<": "lessThan",
  "!=": "notEquals",
  notin: "notIn",
  "(": "openPar",
};

const isWhitespace = (ch: string) => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecial = (ch: string) => "=!(),><".includes(ch);

/**
 * Splits a selector into tokens, ending with an `end` token. Like upstream,
 * a NUL character ends the input (Go reads bytes and uses 0 as "no more").
 */
export function tokenize(input: string): Token[] {
  const s = input.includes("\0") ? input.slice(0, input.indexOf("\0")) : input;
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      tokens.push({ kind: "end", literal: "" });
      return tokens;
    }
    if (isSpecial(s[pos])) {
      // Longest run of symbols that still names a token: "!=" beats "!", "==" beats "=".
      let buffer = "";
      let last: Token | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        const candidate = buffer + s[pos];
        const kind = LITERAL_TOKENS[candidate];
        if (kind) {
          buffer = candidate;
          last = { kind, literal: candidate };
          pos++;
        } else if (last) break;
        else {
          buffer = candidate;
          pos++;
        }
      }
      tokens.push(last ?? { kind: "error", literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let word = "";
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) word += s[pos++];
    const kind = LITERAL_TOKENS[word];
    tokens.push({ kind: kind ?? "identifier", literal: word });
  }
}
