/**
 * BullMQ's production guide: Redis must persist (AOF) and never evict keys (noeviction), or
 * delayed reminder jobs can vanish. Reads `INFO persistence` + `INFO memory` output; pure.
 */
export function redisSettingsProblems(info: string): string[] {
  const field = (name: string): string | undefined =>
    info.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim();
  const problems: string[] = [];
  if (field('aof_enabled') !== '1') {
    problems.push('append-only file is off (set "appendonly yes")');
  }
  const policy = field('maxmemory_policy');
  if (policy !== 'noeviction') {
    problems.push(`maxmemory-policy is ${policy ?? 'unknown'} (set "maxmemory-policy noeviction")`);
  }
  return problems;
}
