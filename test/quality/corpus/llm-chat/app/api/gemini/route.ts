import { GoogleGenerativeAI } from '@google/generative-ai';

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!);

export async function POST(req: Request) {
  const { chatInput, history } = await req.json();
  const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash', systemInstruction: 'Be brief.' });
  // expect: mt/personal-data-to-service user-content [google-generative-ai] the chat input sent to Gemini
  const result = await model.generateContent(chatInput);
  // quiet [google-generative-ai] counting tokens of a constant string
  const tokens = await model.countTokens('hello');
  // quiet [console] an error message
  if (!result.response) console.error('gemini: empty response');
  // quiet [console] the token count and history length
  console.info('gemini', tokens.totalTokens, Array.isArray(history) ? history.length : 0);
  return Response.json({ text: result.response.text() });
}
