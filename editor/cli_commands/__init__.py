"""Command-line subcommands, one module per group, each with ``register(subparsers)``.

Every ``register`` adds its parsers and sets ``handler=`` to a function
``handler(args, ctx) -> int`` that receives a :class:`CliContext`.
"""
