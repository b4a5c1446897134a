"""Topic proposals from organisations and the convening body's reasoned responses."""
