import { embedMany } from 'ai';
import { openai } from '@ai-sdk/openai';
import { getOpenAI } from '@/lib/ai';

const HELP_ARTICLES = [
  { slug: 'export', text: 'How to export your notes as Markdown or PDF.' },
  { slug: 'share', text: 'Share a note with a teammate by link.' },
];

export async function POST() {
  // quiet [vercel-ai-sdk] embeddings of the app's own help articles
  const { embeddings } = await embedMany({ model: openai.embedding('text-embedding-3-small'), values: HELP_ARTICLES.map((a) => a.text) });
  return Response.json({ count: embeddings.length });
}

export async function PUT(req: Request) {
  const { comment } = await req.json();
  // expect: mt/personal-data-to-service user-content [openai] the user's comment embedded by the vendor
  const res = await getOpenAI().embeddings.create({ model: 'text-embedding-3-small', input: comment });
  return Response.json({ dims: res.data[0].embedding.length });
}
