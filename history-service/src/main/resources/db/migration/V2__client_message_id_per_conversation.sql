-- A client message id is unique per sender and conversation (the message id is derived
-- from all three): the same id used by one sender in two conversations names two messages.
ALTER TABLE message DROP CONSTRAINT message_sender_client_message_key;
ALTER TABLE message ADD CONSTRAINT message_sender_conversation_client_message_key
    UNIQUE (sender_id, conversation_id, client_message_id);
