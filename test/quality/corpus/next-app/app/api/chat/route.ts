import OpenAI from 'openai';
import { streamText } from 'ai';
import { openai as provider } from '@ai-sdk/openai';
import { auth } from '@/lib/auth';
import { db } from '@/lib/db';

const openai = new OpenAI();

export async function POST(req: Request) {
  const session = await auth();
  const { messages, patientId } = await req.json();
  const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, include: { conditions: true } });

  const system = `You are a scheduling assistant for a clinic. Today is ${new Date().toDateString()}.`;
  // expect: mt/personal-data-to-service user-content [openai] the chat history the user typed, through the AI SDK's OpenAI provider (inventory since issue 12); the system prompt is fixed
  const result = streamText({ model: provider('gpt-4o-mini'), system, messages });

  // expect: mt/sensitive-data-to-third-party health [openai] the diagnosis goes into the prompt
  // expect: mt/personal-data-to-third-party name [openai] and the patient's full name
  const summary = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Summarise the visit for the clinician.' },
      { role: 'user', content: `Patient ${patient.fullName}, diagnosis: ${patient.diagnosis}` },
    ],
  });
  void summary;
  void session;
  return result.toDataStreamResponse();
}
