/** One row of a Markdown table. */
export function tableRow(cells: readonly unknown[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The header row of a Markdown table and the line under it. */
export function tableHeader(names: readonly string[]): string[] {
  return [tableRow(names), tableRow(names.map(() => '---'))];
}
