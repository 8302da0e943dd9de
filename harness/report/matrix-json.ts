// matrix.json as written: the run's header indented, then one check and one cell per line. Indenting every cell made a
// full run's file 5.5 MB, 40 % of it whitespace (the constraint checks' observed device models nest deeply); a line
// per cell keeps `grep` and line diffs finding a cell whole.
import type { Matrix } from '../types';

export function matrixJson(m: Matrix): string {
  const { checks, cells, ...header } = m;
  const lines = (items: readonly unknown[]): string =>
    items.length ? `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]';
  const head = JSON.stringify(header, null, 2);
  return `${head.slice(0, head.lastIndexOf('\n}'))},\n  "checks": ${lines(checks)},\n  "cells": ${lines(cells)}\n}\n`;
}
