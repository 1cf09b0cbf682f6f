// The process runs in UTC whatever the host's zone: node-postgres reads a `timestamp without time
// zone` (a hearing's wall-clock time) into a Date in the process's zone, and a host zone with DST
// would shift wall times that fall in its own DST gap. Court zones are handled explicitly (luxon).
process.env.TZ = 'UTC';
