using Riok.Mapperly.Abstractions;

namespace Workflows.Application.Members;

public sealed record MemberResponse(long Id, MemberKind Kind, string DisplayName, string? ObjectId, MemberRole Role, DateTime CreatedAt);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class MemberMapper
{
    public static partial MemberResponse ToResponse(this Member member);

}
