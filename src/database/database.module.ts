import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataKeysFrom } from '../crypto/data-keys';
import { DataKeyCheck } from '../crypto/data-key-check';
import { dataSourceOptions } from './data-source-options';
import { DatabaseRoleCheck } from './database-role.check';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config.databaseUrl, dataKeysFrom(config)),
    }),
  ],
  providers: [DatabaseRoleCheck, DataKeyCheck],
})
export class DatabaseModule {}
