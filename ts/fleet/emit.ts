// Which text each --format writes where: stdout, the --output file, $GITHUB_STEP_SUMMARY. Pure: the writing is
// command.ts's. With --output the format goes to the file and the table to stdout.
import type { FleetFormat } from './args';
import { githubAnnotations, githubSummary } from './formats/github';
import { jsonlEnd, jsonlNode, jsonlStart } from './formats/jsonl';
import { junitXml } from './formats/junit';
import type { NodeResult } from './outcomes';
import type { Batch } from './plan';
import { jsonText, table, type FleetDocument, type FleetPlan } from './report';

export interface EndTexts {
  stdout: string;
  /** the --output file's text (for jsonl: its last line, appended); null without --output */
  file: string | null;
  /** appended to $GITHUB_STEP_SUMMARY; null when it is not set or the format is not github */
  stepSummary: string | null;
}

/** Formats written as nodes end, not only at the end. */
export const isStreamed = (format: FleetFormat): boolean => format === 'jsonl';

/** The line a streamed format writes before any node starts; null for the other formats. */
export function startText(format: FleetFormat, plan: FleetPlan, batches: readonly Batch[]): string | null {
  return isStreamed(format) ? jsonlStart(plan, batches) : null;
}

/** The line a streamed format writes when a node ends; null for the other formats. */
export function nodeText(format: FleetFormat, result: NodeResult): string | null {
  return isStreamed(format) ? jsonlNode(result) : null;
}

function formatText(format: FleetFormat, doc: FleetDocument): string {
  switch (format) {
    case 'table':
      return table(doc);
    case 'json':
      return jsonText(doc);
    case 'jsonl':
      return jsonlEnd(doc);
    case 'junit':
      return junitXml(doc);
    case 'github':
      return githubSummary(doc);
  }
}

/** What is written once the rollout has ended. */
export function endTexts(format: FleetFormat, doc: FleetDocument, to: { output: boolean; stepSummary: boolean }): EndTexts {
  if (format === 'github') {
    const summary = githubSummary(doc);
    return {
      // the annotations work only on stdout; the summary goes there too when the step has no summary file
      stdout: table(doc) + githubAnnotations(doc) + (to.stepSummary ? '' : `\n${summary}`),
      file: to.output ? summary : null,
      stepSummary: to.stepSummary ? summary : null,
    };
  }
  const text = formatText(format, doc);
  return to.output ? { stdout: table(doc), file: text, stepSummary: null } : { stdout: text, file: null, stepSummary: null };
}
