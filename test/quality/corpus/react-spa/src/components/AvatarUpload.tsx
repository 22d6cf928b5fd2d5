import { useState } from 'react';
import * as Sentry from '@sentry/react';
import LogRocket from 'logrocket';
import { datadogRum } from '@datadog/browser-rum';

export function AvatarUpload({ userId }: { userId: string }) {
  const [progress, setProgress] = useState(0);

  async function onFile(file: File) {
    // quiet [logrocket] file name, size and MIME type
    LogRocket.track('Avatar Selected', { name: file.name, size: file.size, type: file.type });
    // quiet [datadog-rum] the same, as a RUM action
    datadogRum.addAction('avatar_upload', { fileName: file.name, bytes: file.size });
    try {
      const body = new FormData();
      body.append('file', file);
      const res = await fetch(`/api/users/${userId}/avatar`, { method: 'POST', body });
      setProgress(100);
      if (!res.ok) throw new Error(`upload failed with ${res.status}`);
    } catch (error) {
      // quiet [sentry] the error with the user id and the file name
      Sentry.captureException(error, { tags: { userId }, extra: { fileName: file.name } });
    }
  }

  return <input type="file" accept="image/*" onChange={(e) => e.target.files && onFile(e.target.files[0])} data-progress={progress} />;
}
