// The providers a user can pick in settings (chatbot-ui style): OpenAI-compatible endpoints built from config.
import OpenAI from 'openai';
import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { anthropic } from '@ai-sdk/anthropic';

const groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.GROQ_API_KEY });
const openrouter = createOpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env.OPENROUTER_API_KEY });
const ollama = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
const custom = new OpenAI({ baseURL: process.env.CUSTOM_BASE_URL, apiKey: process.env.CUSTOM_API_KEY });

type Turn = { id: string; role: 'user' | 'assistant'; content: string };

export async function askGroq(history: Turn[]) {
  // expect: mt/personal-data-to-service user-content [groq] the conversation mapped to Groq's message objects
  return groq.chat.completions.create({ model: 'llama-3.3-70b-versatile', messages: history.map((t) => ({ role: t.role, content: t.content })) });
}

export async function askOpenRouter(prompt: string) {
  // expect: mt/personal-data-to-service user-content [openrouter] the prompt the user typed, through the AI SDK
  return generateText({ model: openrouter('anthropic/claude-3.5-sonnet'), prompt });
}

export async function askLocal(history: Turn[], user: { email: string }) {
  // quiet [openai] a model served by Ollama on the same machine: no third party
  return ollama.chat.completions.create({ model: 'llama3.1', messages: [...history, { role: 'user', content: `Reply to ${user.email}` }] });
}

export async function askCustom(input: string) {
  // expect: mt/personal-data-to-service user-content [openai-compatible] the user's text to an endpoint set in the environment
  return custom.responses.create({ model: 'default', input });
}

export async function suggestTitle(topic: { slug: string; category: string }) {
  // quiet [anthropic] a prompt the code writes from the topic's slug and category
  return generateText({ model: anthropic('claude-haiku-4-5'), prompt: `Suggest a title for ${topic.slug} in ${topic.category}` });
}

export function rateTurns(history: Turn[]) {
  // quiet [groq] the ids and roles of the turns, no text
  return groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: history.map((t) => `${t.id}:${t.role}`).join(',') }] });
}
