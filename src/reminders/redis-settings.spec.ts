import { redisSettingsProblems } from './redis-settings';

describe('redisSettingsProblems', () => {
  it('accepts AOF with noeviction', () => {
    expect(
      redisSettingsProblems('# Persistence\r\naof_enabled:1\r\n# Memory\r\nmaxmemory_policy:noeviction\r\n'),
    ).toEqual([]);
  });

  it('names each setting that is wrong', () => {
    const problems = redisSettingsProblems('aof_enabled:0\r\nmaxmemory_policy:allkeys-lru\r\n');
    expect(problems).toEqual([
      'append-only file is off (set "appendonly yes")',
      'maxmemory-policy is allkeys-lru (set "maxmemory-policy noeviction")',
    ]);
  });
});
