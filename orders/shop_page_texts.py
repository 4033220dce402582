"""The shop pages' placeholder texts (slug, title, Chinese title, text, Chinese text),
seeded until the shop's operators write their own in the admin."""

PLACEHOLDER_PAGES = [
    (
        "terms",
        "Terms of sale",
        "销售条款",
        "Every item is made to order from the design you approve at checkout.\n\n"
        "Prices include VAT where the checkout says so; shipping is shown before you pay. "
        "An order is binding once it is paid, or once an invoice order's payment arrives.\n\n"
        "These are placeholder terms: the shop replaces them with its own.",
        "每件商品均按您在结账时确认的设计定制生产。\n\n"
        "结账页面注明含增值税时，价格已含增值税；运费在付款前显示。"
        "订单在付款后生效；发票订单在收到款项后生效。\n\n"
        "以上为示例条款，商店会替换为正式条款。",
    ),
    (
        "returns",
        "Returns and refunds",
        "退货与退款",
        "You can cancel for a full refund until a factory starts making your order.\n\n"
        "Made-to-order items cannot be returned unless they arrive damaged or differ from "
        "your design: tell us within 14 days of delivery and we remake or refund them.\n\n"
        "This is a placeholder policy: the shop replaces it with its own.",
        "在工厂开始生产前，您可以取消订单并获得全额退款。\n\n"
        "定制商品不支持无理由退货；如到货时损坏或与您的设计不符，"
        "请在签收后 14 天内联系我们，我们将重做或退款。\n\n"
        "以上为示例政策，商店会替换为正式政策。",
    ),
    (
        "privacy",
        "Privacy",
        "隐私政策",
        "We use your name, address, email and designs only to make, ship and support your "
        "order. Factories receive what they need to make and ship it, nothing more.\n\n"
        "This is a placeholder policy: the shop replaces it with its own.",
        "我们仅将您的姓名、地址、电子邮件和设计用于生产、配送和售后服务。"
        "工厂只会收到生产和发货所需的信息。\n\n"
        "以上为示例政策，商店会替换为正式政策。",
    ),
    (
        "contact",
        "Contact us",
        "联系我们",
        "Email: support@c2m.example\nPhone: +86 21 0000 0000 (Mon–Fri, 9:00–18:00)\n\n"
        "Please include your order number.",
        "电子邮件：support@c2m.example\n电话：+86 21 0000 0000（周一至周五 9:00–18:00）\n\n"
        "请注明您的订单号。",
    ),
]
