/** Keys read `hub_<id>_<secret>`: the prefix makes a leaked key recognisable to secret scanners. */
export const API_KEY_PREFIX = 'hub_';
