"""Start the chat: ``python app.py [--host 127.0.0.1] [--port N] [--model NAME]``."""

from assistant.web import main

if __name__ == "__main__":
    main()
