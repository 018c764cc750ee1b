/** A wimboot lint finding as read back from a report, whatever its format. */
export interface Finding {
  /** Source file the finding is in, as the report names it. */
  file: string;
  line: number;
  column?: number;
  ruleId: string | null;
  message: string;
  /** Path pattern alternatives (finding-pattern.ts language), never empty. */
  patterns: string[];
}

/** A report that cannot be read: names the file and what was expected. */
export class ReportFormatError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ReportFormatError';
  }
}
