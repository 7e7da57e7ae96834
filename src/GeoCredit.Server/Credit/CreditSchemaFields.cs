using GeoCredit.Core.Credit;
using GeoCredit.Server.Auth;
using GeoCredit.Server.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace GeoCredit.Server.Credit;

public sealed class GradeGraphType : ObjectGraphType<Grade>
{
    public GradeGraphType()
    {
        Name = "Grade";
        Description = "A level of a scheme for a subject, valid from a time, with its source and reason.";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.Subject.ToString());
        Field(g => g.SchemeId);
        Field(g => g.Level);
        Field(g => g.ValidFrom);
        Field(g => g.ValidUntil, nullable: true);
        Field(g => g.Source);
        Field(g => g.Reason);
    }
}

public sealed class GradeImportErrorGraphType : ObjectGraphType<GradeImportError>
{
    public GradeImportErrorGraphType()
    {
        Name = "GradeImportError";
        Field(e => e.Row);
        Field(e => e.Code);
        Field(e => e.Message);
    }
}

public sealed class GradeImportOutcomeGraphType : ObjectGraphType<GradeImportOutcome>
{
    public GradeImportOutcomeGraphType()
    {
        Name = "GradeImportOutcome";
        Field(o => o.Rows);
        Field(o => o.Applied);
        Field(o => o.Changed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GradeImportErrorGraphType>>>>("errors")
            .Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class MonthlyLevelGraphType : ObjectGraphType<MonthlyLevel>
{
    public MonthlyLevelGraphType()
    {
        Name = "MonthlyLevel";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.Subject.ToString());
        Field<NonNullGraphType<StringGraphType>>("month").Resolve(ctx => ctx.Source.Month.ToString());
        Field<NonNullGraphType<DecimalGraphType>>("points").Resolve(ctx => ctx.Source.Points);
        Field(l => l.SchemeId);
        Field(l => l.Level);
    }
}

/// <summary>Credit grades in the schema: read by those who watch, set and imported by operators and admins.</summary>
public sealed class CreditSchemaFields(CreditService credit) : ISchemaFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<GradeGraphType>("grade")
            .Description("The grade of a subject in a scheme at a moment (now when left out).")
            .Argument<NonNullGraphType<StringGraphType>>("subjectKind")
            .Argument<NonNullGraphType<IdGraphType>>("subjectId")
            .Argument<NonNullGraphType<StringGraphType>>("scheme")
            .Argument<DateTimeOffsetGraphType>("at")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .Resolve(ctx => Guard(() => credit.Registry.GradeAt(Subject(ctx), ctx.GetArgument<string>("scheme"),
                ctx.GetArgument<DateTimeOffset?>("at") ?? DateTimeOffset.UtcNow)));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GradeGraphType>>>>("gradeHistory")
            .Argument<NonNullGraphType<StringGraphType>>("subjectKind")
            .Argument<NonNullGraphType<IdGraphType>>("subjectId")
            .Argument<NonNullGraphType<StringGraphType>>("scheme")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin, Roles.Lock)
            .Resolve(ctx => Guard(() => credit.Registry.History(Subject(ctx), ctx.GetArgument<string>("scheme"))));
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<GradeGraphType>("setGrade")
            .Description("Sets a grade; it takes effect at once, also for objects already inside zones.")
            .Argument<NonNullGraphType<StringGraphType>>("subjectKind")
            .Argument<NonNullGraphType<IdGraphType>>("subjectId")
            .Argument<NonNullGraphType<StringGraphType>>("scheme")
            .Argument<NonNullGraphType<StringGraphType>>("level")
            .Argument<NonNullGraphType<StringGraphType>>("source")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .Argument<DateTimeOffsetGraphType>("validFrom")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var subject = Guard(() => Subject(ctx));
                try
                {
                    await credit.SetGradeAsync(
                        subject, ctx.GetArgument<string>("scheme"), ctx.GetArgument<string>("level"),
                        ctx.GetArgument<DateTimeOffset?>("validFrom"), ctx.GetArgument<string>("source"),
                        ctx.GetArgument<string>("reason"), ctx.CancellationToken);
                }
                catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
                {
                    throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
                }

                return credit.Registry.GradeAt(subject, ctx.GetArgument<string>("scheme"), DateTimeOffset.UtcNow);
            });

        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthlyLevelGraphType>>>>("rateTerminals")
            .Description("Rates every terminal for a month from its berth deductions (C-class vessels at its berths).")
            .Argument<NonNullGraphType<IntGraphType>>("year")
            .Argument<NonNullGraphType<IntGraphType>>("month")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var month = Guard(() => new CreditMonth(ctx.GetArgument<int>("year"), ctx.GetArgument<int>("month")));
                return await credit.RateTerminalsAsync(month, ctx.CancellationToken);
            });

        mutation.Field<NonNullGraphType<GradeImportOutcomeGraphType>>("importGrades")
            .Description("Imports grades from a credit platform (CSV or JSON), validated row by row.")
            .Argument<NonNullGraphType<StringGraphType>>("format", "csv or json")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<StringGraphType>("source")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                try
                {
                    return await credit.ImportAsync(ctx.GetArgument<string>("format"), ctx.GetArgument<string>("text"),
                        ctx.GetArgument<string?>("source") ?? "import", ctx.CancellationToken);
                }
                catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
                {
                    throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
                }
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("linkSubjects")
            .Description("Links a subject to another (a vehicle to its current driver, a vessel to its company); " +
                "without a target the link ends.")
            .Argument<NonNullGraphType<StringGraphType>>("subjectKind")
            .Argument<NonNullGraphType<IdGraphType>>("subjectId")
            .Argument<NonNullGraphType<StringGraphType>>("linkKind")
            .Argument<StringGraphType>("targetKind")
            .Argument<IdGraphType>("targetId")
            .Argument<DateTimeOffsetGraphType>("validFrom")
            .AuthorizeWithRoles(Roles.Operator, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var subject = Guard(() => Subject(ctx));
                if (!LinkKinds.TryParse(ctx.GetArgument<string>("linkKind"), out var kind))
                {
                    throw new ExecutionError($"Unknown link kind '{ctx.GetArgument<string>("linkKind")}'.")
                        { Code = "BAD_ARGUMENT" };
                }

                SubjectRef? target = ctx.GetArgument<string?>("targetKind") is { } targetKind
                    ? Guard(() => new SubjectRef(SubjectKinds.Parse(targetKind), ctx.GetArgument<string>("targetId")))
                    : null;
                try
                {
                    return await credit.LinkAsync(
                        subject, kind, target, ctx.GetArgument<DateTimeOffset?>("validFrom"), "graphql",
                        ctx.CancellationToken) is not null;
                }
                catch (ArgumentException e)
                {
                    throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
                }
            });
    }

    private static SubjectRef Subject(IResolveFieldContext ctx) =>
        new(SubjectKinds.Parse(ctx.GetArgument<string>("subjectKind")), ctx.GetArgument<string>("subjectId"));

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ExecutionError(e.Message) { Code = "BAD_ARGUMENT" };
        }
    }
}
