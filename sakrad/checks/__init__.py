"""Check your answers: one page before each irreversible or public step, saying in plain
words what will happen, with the warnings (guards) that apply, and a confirm button.

The steps themselves stay in their domain services; this package only reads what a step
would do (``summary``) and calls the step when the user confirms (``views``).
"""
