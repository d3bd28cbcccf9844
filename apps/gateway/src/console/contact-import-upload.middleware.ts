import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG } from '@hub/config';
import { AuthService } from '../auth/auth.service';
import { hasAtLeast } from '../auth/role';
import { SESSION_COOKIE } from '../auth/session-cookie';
import type { GatewayConfig } from '../gateway.config';

/** The file field of the upload form, as the middleware read it. */
export interface UploadedCsv {
  fileName: string;
  data: Buffer;
  /** The file was cut at the size limit: refuse it rather than import part of it. */
  tooLarge: boolean;
}

export type RequestWithUpload = Request & { uploadedCsv?: UploadedCsv };

const FIELD_LIMITS = { fields: 40, fieldSize: 4_000, files: 1, parts: 42 };

/**
 * Reads the upload form's multipart body (the app's body parsers take only JSON and urlencoded) into `req.body` and
 * `req.uploadedCsv`, before the guards run, so the auth guard finds the form's CSRF field as in any console form. The
 * file is held in memory up to CONSOLE_IMPORT_MAX_MB; whatever goes beyond is read and dropped. Only for a live
 * coordinator session: anyone else's body is left unread, so strangers cannot make the gateway buffer megabytes, and
 * the guard refuses them as usual.
 */
@Injectable()
export class ContactImportUploadMiddleware implements NestMiddleware {
  private readonly maxBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly auth: AuthService,
  ) {
    this.maxBytes = config.CONSOLE_IMPORT_MAX_MB * 1024 * 1024;
  }

  async use(req: RequestWithUpload, _res: Response, next: NextFunction): Promise<void> {
    if (!req.is('multipart/form-data')) return next();
    const sessionCookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const principal = await this.auth.authenticate({ sessionCookie, unsafeMethod: false }).catch(() => undefined);
    if (!principal || !hasAtLeast(principal.role, 'coordinator')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { ...FIELD_LIMITS, fileSize: this.maxBytes } });
    } catch {
      return next();
    }
    const fields: Record<string, string | string[]> = {};
    parser.on('field', (name, value) => {
      const known = fields[name];
      fields[name] = known === undefined ? value : [known, value].flat();
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') return void stream.resume();
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
      stream.on('end', () => {
        if (info.filename) req.uploadedCsv = { fileName: info.filename, data: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
      });
    });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      req.body = fields;
      next();
    };
    parser.on('close', finish);
    // A broken body leaves the form without its file: the page then asks for the file again.
    parser.on('error', () => {
      req.unpipe(parser);
      finish();
    });
    req.pipe(parser);
  }
}
