"""Start the chat: ``python app.py [--host 127.0.0.1] [--port N] [--model NAME] [--second-model NAME]``.

The same as ``python -m assistant serve``, with the same options and environment variables. The bundled
models are installed with the project, so the Hugging Face hub is never asked for them (set HF_HUB_OFFLINE=0
to let ``--model`` download a model by name).
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", os.environ["HF_HUB_OFFLINE"])

from assistant.cli import serve  # noqa: E402

if __name__ == "__main__":
    serve(prog_name="app.py")
