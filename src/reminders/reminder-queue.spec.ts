import { redisConnection } from './reminder-queue';

describe('redisConnection', () => {
  it('reads REDIS_URL as ioredis does: user, password, database, TLS and query options', () => {
    expect(
      redisConnection('rediss://queue:p%40ss@redis.example.org:6380/3?family=6', 'producer'),
    ).toMatchObject({
      host: 'redis.example.org',
      port: 6380,
      username: 'queue',
      password: 'p@ss',
      db: 3,
      tls: true,
      family: 6,
      enableOfflineQueue: false,
    });
    expect(redisConnection('redis://127.0.0.1:6379', 'worker')).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
      db: 0,
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
    });
    expect(redisConnection('redis://127.0.0.1', 'worker')).not.toHaveProperty('lazyConnect', true);
  });
});
