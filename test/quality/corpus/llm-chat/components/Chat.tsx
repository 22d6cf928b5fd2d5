'use client';

import { useEffect, useState } from 'react';
import { useChat } from '@ai-sdk/react';
import posthog from 'posthog-js';

const HISTORY_KEY = 'quill:history';

export function Chat({ conversationId }: { conversationId: string }) {
  const { messages, input, handleInputChange, handleSubmit, status } = useChat({ api: '/api/chat', id: conversationId });
  const [feedbackText, setFeedbackText] = useState('');

  useEffect(() => {
    // expect: mt/personal-data-on-device user-content [web-storage] the whole conversation kept in localStorage
    localStorage.setItem(HISTORY_KEY, JSON.stringify(messages));
    // quiet [web-storage] the id of the open conversation
    localStorage.setItem('quill:last-conversation', conversationId);
  }, [messages, conversationId]);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    // quiet [posthog] the length of the prompt and the model status
    posthog.capture('prompt_sent', { chars: input.length, status });
    // expect: mt/personal-data-to-service user-content [posthog] the prompt text itself as an event property
    posthog.capture('prompt_text', { prompt: input });
    handleSubmit(e);
  }

  function onFeedback(messageId: string, helpful: boolean) {
    // expect: mt/personal-data-to-service user-content [posthog] the feedback the user wrote in the box
    posthog.capture('answer_feedback', { messageId, helpful, feedback: feedbackText });
    // quiet [posthog] the thumbs only
    posthog.capture('answer_rated', { messageId, helpful });
  }

  return (
    <form onSubmit={onSubmit}>
      {messages.map((m) => (
        <p key={m.id} onDoubleClick={() => onFeedback(m.id, true)}>{m.role}</p>
      ))}
      <input value={input} onChange={handleInputChange} />
      <textarea value={feedbackText} onChange={(e) => setFeedbackText(e.target.value)} />
    </form>
  );
}
