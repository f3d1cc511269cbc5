// A run request as the HTTP edge builds it for an anonymous async trigger, with what a test changes.
import type { RunRequest } from '../../../ts/core/runner';

export const runRequest = (over: Partial<RunRequest> = {}): RunRequest => ({
  options: {},
  splay: 0,
  async: true,
  when_busy: 'reject',
  source: 'http',
  client: '127.0.0.1',
  identity: null,
  ...over,
});
