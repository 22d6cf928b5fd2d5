'use client';

import { useState } from 'react';
import { api } from '@/lib/api-client';

type Member = { id: string; name: string; email: string; phone?: string };

export function MembersPanel({ workspaceId }: { workspaceId: string }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [results, setResults] = useState<Member[]>([]);

  async function find() {
    // expect: mt/personal-data-to-third-party email [sentry] a GET: the address lands in the URL the helper records as a breadcrumb
    setResults(await api<Member[]>('GET', '/members/search', { email }));
  }

  async function findByPhone() {
    // expect: mt/personal-data-to-third-party phone [sentry] a GET with the phone number in the query string
    setResults(await api<Member[]>('GET', '/members/lookup', { phone }));
  }

  async function invite() {
    // quiet [sentry] a POST: the body is sent, not put in the recorded URL
    await api('POST', `/workspaces/${workspaceId}/members`, { email, name });
  }

  async function updatePhone(memberId: string) {
    // quiet [sentry] a PUT with the phone in the body
    await api('PUT', `/members/${memberId}`, { phone });
  }

  async function listAll() {
    // quiet [sentry] a GET with only the workspace id and a page number
    setResults(await api<Member[]>('GET', '/members', { workspaceId, page: '1' }));
  }

  return (
    <div>
      <input value={email} onChange={(e) => setEmail(e.target.value)} />
      <input value={name} onChange={(e) => setName(e.target.value)} />
      <input value={phone} onChange={(e) => setPhone(e.target.value)} />
      <button onClick={find}>Find</button>
      <button onClick={findByPhone}>Find by phone</button>
      <button onClick={invite}>Invite</button>
      <button onClick={listAll}>All</button>
      <ul>{results.map((m) => <li key={m.id} onClick={() => updatePhone(m.id)}>{m.name}</li>)}</ul>
    </div>
  );
}
