import { Router } from 'express';
import Anthropic from '@anthropic-ai/sdk';
import { db } from '../services/db';

const anthropic = new Anthropic();
export const ai = Router();

ai.post('/notes/summarize', async (req, res) => {
  const visit = await db.visits.findById(req.body.visitId);
  const clinicalNotes: string = visit.clinicalNotes;
  // expect: mt/sensitive-data-to-third-party health [anthropic] clinical notes sent to an LLM
  const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: `Summarise: ${clinicalNotes}` }] });
  res.json({ summary: message.content });
});

ai.post('/docs/answer', async (req, res) => {
  const question: string = req.body.question;
  const docs = await db.docs.search(question, 5);
  // expect: mt/personal-data-to-service user-content [anthropic] the question the user typed goes to the LLM (inventory since issue 12); the system prompt is documentation
  const message = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 256, system: docs.map((d) => d.text).join('\n'), messages: [{ role: 'user', content: question }] });
  res.json({ answer: message.content });
});
