// go-yaml v2's (libyaml's) analysis of a scalar before it is emitted: which styles its text allows.

/** A scalar style go-yaml writes. */
export type Style = "plain" | "single" | "double" | "literal";

/** Which styles a scalar's text allows (libyaml's analysis). */
export interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

/** A line break as libyaml counts them (LF, CR, NEL, LS, PS). */
export const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

/** libyaml's printable check, on code points (4-byte UTF-8 sequences are not printable). */
export function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** libyaml's scalar analysis of a text's code points: the styles it may be written in. */
export function analyze(cps: number[]): Analysis {
  if (cps.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  const n = cps.length;
  if (n >= 3 && ((cps[0] === 0x2d && cps[1] === 0x2d && cps[2] === 0x2d) || (cps[0] === 0x2e && cps[1] === 0x2e && cps[2] === 0x2e))) {
    blockInd = true;
    flowInd = true;
  }
  for (let i = 0; i < n; i++) {
    const c = cps[i]!;
    const next = i + 1 < n ? cps[i + 1]! : -1;
    const followedByWs = next === -1 || next === 0x20 || next === 0x09 || isBreak(next);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) {
        flowInd = true;
        blockInd = true;
      } else if (ch === "?" || ch === ":") {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (ch === "-" && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else {
      if (",?[]{}".includes(ch)) flowInd = true;
      else if (ch === ":") {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (ch === "#" && precededByWs) {
        flowInd = true;
        blockInd = true;
      }
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = c === 0x20 || c === 0x09 || isBreak(c) || c === 0;
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.single = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.single = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}
