import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Public } from '../auth/auth.decorators';
import { notFound } from '../common/domain-error';
import { PUBLIC_DIR } from './web-view';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Vigil serves its own CSS and script (no CDN): read once at start, so the set is fixed and small. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(PUBLIC_DIR)) {
    const type = TYPES[extname(name)];
    if (type) {
      const body = readFileSync(join(PUBLIC_DIR, name));
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      assets.set(name, { body, type, etag });
    }
  }
  return assets;
}

@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly assets = loadAssets();

  @Get(':name')
  serve(@Param('name') name: string, @Res() response: Response): void {
    const asset = this.assets.get(name);
    if (!asset) {
      throw notFound('Asset', name);
    }
    response
      .status(200)
      .type(asset.type)
      .set('Cache-Control', 'public, max-age=3600')
      .set('ETag', asset.etag)
      .send(asset.body);
  }
}
