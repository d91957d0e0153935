/**
 * Where an upload goes in cloud storage: `<folder>/<yyyymmdd>/<random>.<ext>`. Random names, so members never
 * overwrite each other's files (cloud storage overwrites a path silently) and paths reveal nothing.
 */
export function cloudPathFor(folder: string, fileName: string, mimeType?: string): string {
  const ext = extensionOf(fileName, mimeType);
  const d = new Date();
  const day = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return `${folder}/${day}/${random}.${ext}`;
}

const BY_MIME: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

function extensionOf(fileName: string, mimeType?: string): string {
  if (mimeType && BY_MIME[mimeType]) return BY_MIME[mimeType];
  const m = /\.(jpe?g|png|gif|webp)$/i.exec(fileName);
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg';
}
