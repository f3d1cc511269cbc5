// The hosts the config tests normalize for, and the error every refused config throws.
import type { Host } from '../../../../ts/config';

/** root, with Debian's puppet packages */
export const root: Host = { isRoot: true, findPuppet: () => '/usr/bin/puppet' };
/** not root, with the AIO packages */
export const user: Host = { isRoot: false, findPuppet: () => '/opt/puppetlabs/bin/puppet' };
export const invalid = (code = 'CONFIG_INVALID') => (err: { code?: string }) => err.code === code;
