// --format junit: a JUnit XML report, one test case per node. Pure.
import type { FleetDocument } from '../report';

export function junitXml(_doc: FleetDocument): string {
  throw new Error('junitXml: not built yet');
}
