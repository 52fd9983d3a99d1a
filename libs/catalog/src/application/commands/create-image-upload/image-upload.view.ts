export interface ImageUploadView {
  id: string;
  status: 'PENDING';
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string };
}
