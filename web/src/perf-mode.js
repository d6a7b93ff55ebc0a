// Highlighting of .perf text.  The words come from keywords.json, which `perflang web build`
// writes from perflang's one keyword table (perflang/syntax/keywords.py) and framework (the
// 一级/二级 names): nothing here lists a keyword of its own.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const alternation = (words) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");

export function perfLanguage(words) {
  const keyword = new RegExp(`^(?:${alternation(words.keywords)})(?=[\\s\\u3000{"“:：]|$)`);
  const levels = new RegExp(`^(?:${alternation([...words.level1, ...words.level2])})(?=\\s*[/／{]|\\s*$)`);
  const unit = words.units.length ? new RegExp(`^(?:${alternation(words.units)})`) : null;
  return StreamLanguage.define({
    name: "perf",
    startState: () => ({ afterColon: false, afterNumber: false }),
    token(stream, state) {
      if (stream.sol()) {
        state.afterColon = false;
        state.afterNumber = false;
      }
      if (stream.eatSpace()) return null;
      const ch = stream.peek();
      if (ch === "#") {
        stream.skipToEnd();
        return "comment";
      }
      if (ch === '"' || ch === "“") {
        const close = ch === '"' ? '"' : "”";
        stream.next();
        while (!stream.eol()) {
          const c = stream.next();
          if (c === "\\" && close === '"') stream.next();
          else if (c === close) break;
        }
        return "string";
      }
      if (ch === "{" || ch === "}" || ch === "｛" || ch === "｝") {
        stream.next();
        return "brace";
      }
      if (!state.afterColon) {
        if (stream.match(keyword)) return "keyword";
        if (stream.match(levels)) return "typeName";
        if (stream.match(/^[/／]/)) return "punctuation";
        if (stream.match(/^[:：]/)) {
          state.afterColon = true;
          return "punctuation";
        }
        if (stream.match(/^\d+(?:\.\d+)?/)) return "number";
        if (stream.match(/^[^\s\u3000:：{}#"“/／]+/)) {
          return stream.match(/^\s*[:：]/, false) ? "propertyName" : null;
        }
        stream.next();
        return null;
      }
      if (stream.match(/^(?:≥|≤|>=|<=|=|>|<|＞|＜|＝|不少于|不低于|不高于|不超过|不大于|不小于)/)) {
        state.afterNumber = false;
        return "operator";
      }
      if (stream.match(/^[-+]?\d[\d,，.]*(?:\.\d+)?/)) {
        state.afterNumber = true;
        return "number";
      }
      if (state.afterNumber && unit && stream.match(unit)) {
        state.afterNumber = false;
        return "unit";
      }
      state.afterNumber = false;
      if (stream.match(/^[^\s\u3000{}#\d≥≤=<>]+/)) return "string";
      stream.next();
      return null;
    },
    tokenTable: { unit: t.unit },
    languageData: { commentTokens: { line: "#" } },
  });
}

export const perfHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.comment, color: "#6a737d", fontStyle: "italic" },
    { tag: t.keyword, color: "#8b1a1a", fontWeight: "600" },
    { tag: t.typeName, color: "#1d5fa8" },
    { tag: t.propertyName, color: "#1f2328" },
    { tag: t.string, color: "#2f6f3e" },
    { tag: t.number, color: "#9a4d00" },
    { tag: t.unit, color: "#9a4d00" },
    { tag: t.operator, color: "#b31d28", fontWeight: "600" },
    { tag: t.brace, color: "#57606a" },
    { tag: t.punctuation, color: "#57606a" },
  ]),
);
