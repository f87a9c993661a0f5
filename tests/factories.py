import factory

from community.catalog.models import Cloud, Domain, Language, Stage, Tool


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"stage-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    order = factory.Sequence(lambda n: 1000 + n)
    description = factory.LazyAttribute(lambda o: f"Everything about {o.name.lower()}.")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"lang-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.capitalize())


class DomainFactory(LanguageFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("slug",)


class CloudFactory(LanguageFactory):
    class Meta:
        model = Cloud
        django_get_or_create = ("slug",)


class ToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tool
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"tool-{n}")
    name = factory.Sequence(lambda n: f"Tool {n}")
    summary = "Does one thing well for machine-learning teams."
    licence = "Apache-2.0"
    open_source = True
    self_hosted = True
    primary_stage = factory.SubFactory(StageFactory)

    @factory.post_generation
    def stages(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create:
            self.stages.add(self.primary_stage, *(extracted or []))

    @factory.post_generation
    def languages(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.languages.add(*extracted)

    @factory.post_generation
    def domains(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.domains.add(*extracted)

    @factory.post_generation
    def clouds(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.clouds.add(*extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def reputation(self, create: bool, extracted: int | None, **kwargs) -> None:
        if create:
            from community.accounts.models import Profile

            Profile.objects.update_or_create(user=self, defaults={"reputation": extracted or 1})


def old_user(**kwargs) -> object:
    """An account past its first day, so the new-account limits do not apply."""
    import datetime

    from django.utils import timezone

    return UserFactory(date_joined=timezone.now() - datetime.timedelta(days=30), **kwargs)


def ask(author=None, **overrides) -> object:
    from community.qa import services

    data = {
        "title": "How do I detect data drift in production?",
        "body": "We serve a tabular model and want alerts.",
        "tags": ["drift", "monitoring"],
    }
    return services.question_ask(author=author or old_user(), **{**data, **overrides})


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ethics.Resource"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"resource-{n}")
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = factory.LazyAttribute(lambda o: f"https://example.org/{o.slug}")
    kind = "process"
    summary = "A guide for teams that want their models to treat people fairly."

    @factory.post_generation
    def topics(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.topics.add(*extracted)

    @factory.post_generation
    def stages(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.stages.add(*extracted)

    @factory.post_generation
    def tools(self, create: bool, extracted: list | None, **kwargs) -> None:
        if create and extracted:
            self.tools.add(*extracted)
