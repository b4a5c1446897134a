"""Civil-society organisations: the registry, their representatives and public profiles."""
