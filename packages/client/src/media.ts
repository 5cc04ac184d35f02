/** An image for a media upload (图片上传): the SDK computes its digest, writes `meta` and signs it (D-90). */
export interface MediaFile {
  /** Ends in .jpg, .jpeg, .png or .bmp; at most 150 characters. */
  filename: string;
  data: Uint8Array | Blob;
  /** The `file` part's type; by default from the file name's extension. */
  contentType?: string;
}

/** What a media upload sends: the signed `meta` text and the multipart body carrying it and the file. */
export interface MediaBody {
  meta: string;
  form: FormData;
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', bmp: 'image/bmp' };

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * `meta` is `{"filename":…,"sha256":…}`, sent as the form's first part and signed as the request body, exactly as
 * WeChat's media signing describes; the file follows as the `file` part.
 */
export async function mediaBody(file: MediaFile): Promise<MediaBody> {
  const blob =
    file.data instanceof Blob
      ? file.data
      : new Blob([file.data as Uint8Array<ArrayBuffer>], {
          type:
            file.contentType ??
            TYPES[file.filename.split('.').pop()?.toLowerCase() ?? ''] ??
            'application/octet-stream',
        });
  const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const meta = JSON.stringify({ filename: file.filename, sha256 });
  const form = new FormData();
  form.append('meta', meta);
  form.append('file', blob, file.filename);
  return { meta, form };
}
