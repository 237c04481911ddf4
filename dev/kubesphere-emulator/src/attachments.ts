// The attachments API, copied from ks-core release-4.1 pkg/kapis/application/v2/attachments.go
// (the same in v4.1.1, v4.1.2 and v4.1.3), kept in the package stores of
// pkg/simple/client/application/store.go (FailOverUpload / FailOverGet / FailOverDelete).

import { KsError, requestDoneStatus } from './errors.js';
import type { Deps } from './deps.js';
import { failOverDelete, failOverRead, failOverUpload } from './helper.js';
import type { Ctx, Reply } from './http.js';
import { getUuid36 } from './naming.js';
import { parseMediaType, readMultipart } from './upload.js';

/** net/http multipartReader: the errors ParseMultipartForm answers before reading any part. */
function multipartContentType(contentType: string | undefined): string {
  const notMultipart = new KsError(400, "request Content-Type isn't multipart/form-data", 'BadRequest');
  if (contentType === undefined || contentType.trim() === '') throw notMultipart;
  let parsed: ReturnType<typeof parseMediaType>;
  try {
    parsed = parseMediaType(contentType);
  } catch {
    throw notMultipart;
  }
  if (parsed.mediaType !== 'multipart/form-data') throw notMultipart;
  if (parsed.params.boundary === undefined)
    throw new KsError(400, 'no multipart boundary param in Content-Type', 'BadRequest');
  return contentType;
}

/**
 * POST /attachments: ParseMultipartForm(10 << 20) (errors: api.HandleBadRequest, 400), then the
 * first file part only ("just save one attachment"), stored under GetUuid36("<field>-att-").
 * No file part: WriteEntity of a nil *Attachment, which encoding/json writes as `null`.
 */
export async function createAttachmentHandler(d: Deps, ctx: Ctx): Promise<Reply> {
  const contentType = multipartContentType(ctx.contentType);
  let files: Map<string, Buffer>;
  try {
    ({ files } = await readMultipart(ctx.body, contentType));
  } catch (err) {
    if (err instanceof KsError) throw new KsError(400, err.message, 'BadRequest');
    throw err;
  }
  // Go ranges over a map, so which of several files is kept is unspecified: the first here.
  const first = files.entries().next();
  if (first.done) return { body: null };
  const [field, data] = first.value;
  const id = getUuid36(`${field}-att-`);
  try {
    failOverUpload(d.store, d.cfg, id, data);
  } catch (err) {
    // FailOverUpload's error: api.HandleBadRequest
    throw new KsError(400, err instanceof Error ? err.message : String(err), 'BadRequest');
  }
  d.persist();
  return { body: { attachment_id: id } };
}

/** GET /attachments/{attachment}: FailOverGet(isApp false), errors through requestDone. */
export function describeAttachmentHandler(d: Deps, ctx: Ctx): Reply {
  const id = ctx.params.attachment ?? '';
  let data: Buffer;
  try {
    data = failOverRead(d.store, d.cfg, id);
  } catch (err) {
    throw requestDoneStatus(err);
  }
  // Attachment field order: attachment_content, attachment_id; strfmt.Base64 is standard base64
  return { body: { attachment_content: { raw: data.toString('base64') }, attachment_id: id } };
}

/** DELETE /attachments/{attachment}: comma-separated ids, missing ones ignored; writes no entity. */
export function deleteAttachmentsHandler(d: Deps, ctx: Ctx): Reply {
  const ids = (ctx.params.attachment ?? '').split(',');
  failOverDelete(d.store, d.cfg, ids);
  d.persist();
  return { body: undefined, noEntity: true };
}
