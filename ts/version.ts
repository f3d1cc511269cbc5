import { version as packageVersion } from '../package.json';

export const version: string = packageVersion;
export const INFO = 'Puppet Twitch - A simple endpoint for triggering puppet';
