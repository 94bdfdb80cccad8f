"""Rubric criteria name the construct they are the one home of, and a pack version lists the
constructs it relies on but scores in another pack (issue 15: one home per construct).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The quotes of the seed packs' criteria, by (pack, criterion), for versions stored before
# quotes were required: a stored version must still read back as a valid pack file.
SEED_QUOTES = {
    (
        "problem-space",
        "problem-clarity",
    ): "我能满意的problem space definition 可能也就只有不到 10 家公司",
    (
        "problem-space",
        "problem-importance",
    ): "我关注重要的问题,如果足够重要,我再来看它的解决方案是什么",
    (
        "problem-space",
        "problem-before-technology",
    ): "是不是已经有一个明确的问题在心里,你在找一个技术去做这件事情",
    ("problem-space", "ai-fit"): "这里面不一定需要有AI的成分在里面",
    ("problem-space", "solution-space-awareness"): "你也不知道现在 solution space 是不是最佳的",
    (
        "problem-space",
        "team-domain-fit",
    ): "有什么领域是我熟悉的,可以去解决的,而不是纯从技术角度出发去寻找",
    ("problem-space", "user-evidence"): "我会比较在意真正的贴近用户端, b端也是用户端",
    ("open-closed-moat", "model-strategy"): "开源的意思是我可以拿到weight,我可以拿到模型推理的代码",
    (
        "open-closed-moat",
        "platform-dependency-risk",
    ): "封闭的 API 其实对于二次开发来说是有一定的限制的",
    ("open-closed-moat", "ecosystem-leverage"): "我认为一个开源的环境能够很容易地建立生态",
    ("open-closed-moat", "switching-cost"): "对于客户来说切换成本还是比较低的",
    ("open-closed-moat", "service-value"): "你的软件背后包含的服务价值一定是越来越高的",
    ("open-closed-moat", "business-model-clarity"): "开源的公司其实完全不缺商业模式",
    ("open-closed-moat", "cost-position"): "你有更低的成本,我的 API 比你便宜,我的架构做得好",
    (
        "open-closed-moat",
        "proprietary-know-how-data",
    ): "模型开源了,也不代表围绕模型的所有内容都会开源,还是会有一些 know how 在里面的",
    ("prfaq-quality", "customer-specific"): "告诉我怎么从客户出发,然后反向工作",
    ("prfaq-quality", "problem-in-customer-words"): "因为我最早也是做用研出身的",
    ("prfaq-quality", "measurable-benefit"): "它能给我的公司一年节省大约可能五六千万美金的成本",
    (
        "prfaq-quality",
        "external-faq-hard-questions",
    ): "如果第一天发PR/FAQs,我的客人会问什么样的问题?",
    ("prfaq-quality", "internal-faq-cost-risk"): "我应该怎么回答这些,这样不容易遗漏",
    ("prfaq-quality", "working-backwards-coherence"): "我认为 这是一个非常好的思考工具",
    ("technical-debt", "data-collection"): "你从第一张图片,你得用第一个数据点进来",
    ("technical-debt", "data-verification"): "质量好与坏很难保证",
    (
        "technical-debt",
        "feature-extraction",
    ): "如果能在一个高位空间对一些特有意思的重要的feature 做很好的数学表述",
    ("technical-debt", "configuration"): "它需要去配置正确的BERT版本,再配置正确的EC2 instance",
    (
        "technical-debt",
        "serving-infrastructure",
    ): "你是要8个AMD,还是要Nvidia,这才是问题最关键的地方",
    ("technical-debt", "monitoring"): "到最后你把你的模型部署出去,再做monitoring,retrain",
    ("technical-debt", "analysis-tools"): "同一个模型不同数据的对比,以及不同模型和不同数据的对比",
    (
        "technical-debt",
        "process-resource-management",
    ): "如果 GPT6两个月训练3 次,六个月就是训练18 次",
    ("technical-debt", "end-to-end-loop"): "这些才是一个真正的商业机器学习系统的一个端到端的流程",
    ("technical-debt", "model-effort-share"): "hidden technical debt 有 95% 跟模型是没有关系的",
    (
        "scale-compute-economics",
        "compute-optimal-sizing",
    ): "62B 的PaLM模型在很多任务上表现甚至超过了 540B的模型",
    (
        "scale-compute-economics",
        "training-cost-per-run",
    ): "每一次模型训练的成本大约是在900万到1300万美金之间",
    (
        "scale-compute-economics",
        "retraining-cadence",
    ): "我看到GPT-3. 5,我能感受到的更新可能就有三次",
    ("scale-compute-economics", "inference-unit-cost"): "对于推理已经有一个比较高的成本了",
    (
        "scale-compute-economics",
        "distillation-right-sizing",
    ): "在现有的架构结构下面去做蒸馏 (Distill)",
    ("scale-compute-economics", "compute-access"): "增加参数是个很简单的事,满足算力就可以了",
    (
        "deployment-efficiency",
        "deployment-targets-budgets",
    ): "小模型在边缘端,比如IoT、车载等,它一直属于资源受限的这么一个环境",
    ("deployment-efficiency", "memory-footprint"): "主要的大部分不是算力的限制,而是内存的限制",
    (
        "deployment-efficiency",
        "compression-quality-loss",
    ): "INT 8 到 INT4质量下降了多少,这些质量下降是否能够承受",
    (
        "deployment-efficiency",
        "hardware-compiler-portability",
    ): "芯片里面既有GPU还有CPU,可能还有DSP或NPU,他们的编译器是不一样的",
    (
        "deployment-efficiency",
        "latency-cost-measured",
    ): "你也会知道他们的模型的尺寸和他们相关的延迟(latency)表现会是怎么样子的",
    ("model-limits-risk", "task-type-fit"): "Type one有一些 任务 你是需要快速反应的",
    ("model-limits-risk", "reasoning-techniques"): "我们就可以把表 提到大概60%的准确率",
    (
        "model-limits-risk",
        "hallucination-control",
    ): "有时候这个答案可能是胡编乱造的,背后并没有证据支持",
    ("model-limits-risk", "safety-bias"): "训练分布本身是带有一定的偏见的",
    (
        "model-limits-risk",
        "multi-turn-dialogue",
    ): "这个时候你再去追问的时候,你会发现他完全找不到主题了",
    ("model-limits-risk", "language-coverage"): "英文肯定是主要的,其他语言基本上是占比较小的比例的",
    ("model-limits-risk", "product-mitigations"): "到后面需要跟上的人工服务的一整套体系",
    ("multimodal-roi", "modality-rationale"): "不是在所有场景都多模态是好",
    ("multimodal-roi", "measured-modality-gain"): "它这些模态是不是每个模态都有很明显的增益",
    (
        "multimodal-roi",
        "etl-integration-cost",
    ): "多模态前面你把这些数据光做ETL可能就要花到上百万美金",
    ("multimodal-roi", "modality-sequencing"): "哪些模态是你值得投入的,在什么时间段是值得投入的",
    ("multimodal-roi", "alignment-approach"): "可能最大的难点就是你怎么把不同的模态对齐起来",
    ("multimodal-roi", "control-bandwidth"): "你只用77 个单词想给模型描述清楚是不现实的",
    ("multimodal-roi", "intent-iteration-loop"): "要经过几轮交互,要花多少时间",
    ("data-centric-ai", "data-over-model"): "是模型厉害还是数据厉害,结论还是数据更厉害",
    ("data-centric-ai", "label-quality-process"): "直到有一天我们拿到了标注质量特别高的模型数据",
    ("data-centric-ai", "data-balance-coverage"): "第二我们的数据需要平衡",
    ("data-centric-ai", "stage-fit-data-strategy"): "第一阶段量会比质更重要",
    (
        "data-centric-ai",
        "data-rights-provenance",
    ): "但是有时候网上数据数量也是有限的,也不是由我们可以随便控制的",
    ("data-centric-ai", "data-feedback-loop"): "再做monitoring,retrain",
    ("berkus", "sound-idea"): "实际上是一个很好的产品,咱不一定需要用大语言模型来做一样的事情",
    ("berkus", "prototype"): "我不是要做一个技术demo,要做的东西是拿这个技术去解决实际的问题",
    ("berkus", "management-team"): "这时候就要回来看我熟悉的是什么,我了解的是什么",
    (
        "berkus",
        "strategic-relationships",
    ): "开源项目已经被证明过了,是不是后面去做合作也会更顺利一些",
    ("berkus", "product-rollout"): "它离生产环境还是远的",
    ("payne-scorecard", "management-team"): "我身边能够触及到的资源又是什么",
    ("payne-scorecard", "opportunity-size"): "值得投资人去投资,或者值得企业家去创业的",
    ("payne-scorecard", "product-technology"): "没有人能在模型上挣钱",
    ("payne-scorecard", "competitive-environment"): "二次开发大家可能会有很多担心",
    ("payne-scorecard", "marketing-sales-partnerships"): "初创企业能不能够解决好自己渠道的问题",
    (
        "payne-scorecard",
        "additional-investment-need",
    ): "这个成本对于创业者和个人开发者来说都是个很大的负担",
    ("payne-scorecard", "other-factors"): "他会给你一个看上去非常令人信服的答案",
}


def upgrade() -> None:
    # Plain ADD COLUMN, never batch mode: a batch rebuild on SQLite would cascade-delete the
    # criteria of every version (see 0003).
    op.add_column(
        "rubriccriterion",
        sa.Column("construct_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    )
    op.add_column("rubricversion", sa.Column("see", sa.JSON(), nullable=True))
    _backfill_quotes()


def _backfill_quotes() -> None:
    """Give criteria stored before quotes were required the quote their seed pack now has."""
    pack = sa.table("rubricpack", sa.column("id", sa.Integer), sa.column("key", sa.String))
    version = sa.table(
        "rubricversion", sa.column("id", sa.Integer), sa.column("pack_id", sa.Integer)
    )
    criterion = sa.table(
        "rubriccriterion",
        sa.column("id", sa.Integer),
        sa.column("version_id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("source", sa.JSON),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(criterion.c.id, criterion.c.key, criterion.c.source, pack.c.key.label("pack"))
        .join(version, version.c.id == criterion.c.version_id)
        .join(pack, pack.c.id == version.c.pack_id)
    ).all()
    for row in rows:
        quote = SEED_QUOTES.get((row.pack, row.key))
        source = dict(row.source or {})
        if quote and not source.get("quote"):
            bind.execute(
                criterion.update()
                .where(criterion.c.id == row.id)
                .values(source={**source, "quote": quote})
            )


def downgrade() -> None:
    op.drop_column("rubricversion", "see")
    op.drop_column("rubriccriterion", "construct_key")
